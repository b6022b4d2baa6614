/**
 * Running the kernel's command-line tools (iproute2, nft, iptables, conntrack) with a prefix such
 * as {@code nsenter --net=...} and a timeout: {@link dev.shoal.overlay.exec.CommandRunner}, and
 * {@link dev.shoal.overlay.exec.CommandException}, a failure classed so a reconciler can tell
 * "already there" and "already gone" from real trouble.
 */
package dev.shoal.overlay.exec;
