/**
 * Test helpers: the real dig, a Netty-codec fake upstream, a hand-driven spy upstream, hand-built
 * queries, an allocator that tracks leaks.
 */
package dev.shoal.dns.support;
