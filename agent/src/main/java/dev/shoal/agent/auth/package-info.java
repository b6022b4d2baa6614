/**
 * Who may call the API and what they may do: bearer tokens kept hashed as ApiToken objects in the
 * shared state ({@link dev.shoal.agent.auth.TokenRegistry}), the role rules ({@link
 * dev.shoal.agent.auth.AccessRules}), per-token limits, and the admin token the first node writes
 * for its operator.
 */
package dev.shoal.agent.auth;
