/**
 * The agent's side of cluster DNS: feeding the {@code dns} module's responder from the replicated
 * view.
 */
package dev.shoal.agent.clusterdns;
