/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place that knows Debian's 6.1 kernel from its 6.12 kernel.
 * Feature tests come first; version tests only where no macro tells.
 */
#ifndef _T6_COMPAT_H
#define _T6_COMPAT_H

#include <linux/netdevice.h>

#ifdef NETIF_F_LLTX
#define t6_set_lltx(dev)		((dev)->features |= NETIF_F_LLTX)
#else
#define t6_set_lltx(dev)		((dev)->lltx = true)
#endif

#ifdef NETIF_F_NETNS_LOCAL
#define t6_set_netns_local(dev)		((dev)->features |= NETIF_F_NETNS_LOCAL)
#else
#define t6_set_netns_local(dev)		((dev)->netns_immutable = true)
#endif

/* skb_gso_segment() went to net/gso.h in 6.5, SKB_GSO_CB() with it */
#ifndef SKB_GSO_CB
#include <net/gso.h>
#endif

#endif /* _T6_COMPAT_H */
