/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place that knows Debian's 6.1 kernel from its 6.12 kernel.
 * Feature tests come first; version tests only where no macro tells.
 */
#ifndef _T6_COMPAT_H
#define _T6_COMPAT_H

#include <linux/version.h>
#include <linux/netdevice.h>
#include <net/genetlink.h>

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

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define t6_genl_dump_attrs(cb)		(genl_info_dump(cb)->attrs)
#else
#define t6_genl_dump_attrs(cb)		(genl_dumpit_info(cb)->attrs)
#endif

#endif /* _T6_COMPAT_H */
