// SPDX-License-Identifier: GPL-2.0
/*
 * transit6: IPv6 transition pseudo-interfaces (ISATAP, 6to4 and Teredo).
 * Module init and exit only: each step has an undo, run in reverse.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>

#include "transit6.h"

/* tools/version's, from the Makefile (the VERSION file in a DKMS tree) */
const char t6_version[] = T6_VERSION;

static int __init t6_mod_init(void)
{
	int err;

	err = t6_device_init();
	if (err)
		return err;
	err = t6_local_init();
	if (err)
		goto err_local;
	err = t6_proto41_init();
	if (err)
		goto err_proto41;
	err = t6_genl_init();
	if (err)
		goto err_genl;
	err = rtnl_link_register(&t6_isatap_link_ops);
	if (err)
		goto err_isatap;
	err = rtnl_link_register(&t6_6to4_link_ops);
	if (err)
		goto err_6to4;
	err = rtnl_link_register(&t6_teredo_link_ops);
	if (err)
		goto err_teredo;
	pr_info("transit6 loaded\n");
	return 0;

err_teredo:
	rtnl_link_unregister(&t6_6to4_link_ops);
err_6to4:
	rtnl_link_unregister(&t6_isatap_link_ops);
err_isatap:
	t6_genl_uninit();
err_genl:
	t6_proto41_uninit();
err_proto41:
	t6_local_uninit();
err_local:
	t6_device_uninit();
	return err;
}

static void __exit t6_mod_exit(void)
{
	/*
	 * Deletes every device of the kind, in every namespace; their last
	 * state events go out while the family still exists.
	 */
	rtnl_link_unregister(&t6_teredo_link_ops);
	rtnl_link_unregister(&t6_6to4_link_ops);
	rtnl_link_unregister(&t6_isatap_link_ops);
	t6_genl_uninit();
	t6_proto41_uninit();
	t6_local_uninit();
	t6_device_uninit();
	/* PRL entries and prefixes are freed through RCU */
	rcu_barrier();
}

module_init(t6_mod_init);
module_exit(t6_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPv6 transition pseudo-interfaces: ISATAP, 6to4, Teredo");
MODULE_AUTHOR("transit6 developers");
MODULE_VERSION(T6_VERSION);
MODULE_ALIAS_RTNL_LINK(T6_KIND_NAME_ISATAP);
MODULE_ALIAS_RTNL_LINK(T6_KIND_NAME_6TO4);
MODULE_ALIAS_RTNL_LINK(T6_KIND_NAME_TEREDO);
MODULE_ALIAS_GENL_FAMILY(T6_GENL_NAME);
