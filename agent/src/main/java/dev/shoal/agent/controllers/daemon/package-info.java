/**
 * The apps/v1 DaemonSet controller of the leader: one pod of each daemon set's template on every
 * node it should run on. {@link dev.shoal.agent.controllers.daemon.NodeEligibility} decides which
 * nodes (node selector, required node affinity, taints against the template's tolerations plus the
 * ones upstream adds to every daemon pod), {@link
 * dev.shoal.agent.controllers.daemon.DaemonSetPlanner} decides, purely and on an injected time,
 * which pods to create and delete (missing nodes, misscheduled pods, RollingUpdate within
 * maxUnavailable/maxSurge, OnDelete) and the status counts, and {@link
 * dev.shoal.agent.controllers.daemon.DaemonSetController} reads and writes.
 */
package dev.shoal.agent.controllers.daemon;
