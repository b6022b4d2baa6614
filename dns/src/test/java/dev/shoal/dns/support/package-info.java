/** Test helpers: the real dig, a Netty-codec fake upstream, hand-built queries, an allocator that tracks leaks. */
package dev.shoal.dns.support;
