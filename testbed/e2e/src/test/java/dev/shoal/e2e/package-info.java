/**
 * End-to-end tests on the multi-host test bed: each class starts {@code testbed/testbed up 3},
 * drives the agents over HTTP and the hosts' engines through {@code testbed/testbed docker}, and
 * prints the figures it observed as {@code E2E ...} lines.
 */
package dev.shoal.e2e;
