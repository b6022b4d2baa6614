/**
 * End-to-end tests on the multi-host test bed ({@code testbed/testbed}): the classes that break no
 * host share one three-host bed, each in a namespace of its own; the classes that crash, kill, stop
 * or cut hosts get a bed each. Tests drive the agents over HTTP and the hosts' engines through
 * {@code testbed/testbed docker}, and print the figures they observed as {@code E2E ...} lines.
 */
package dev.shoal.e2e;
