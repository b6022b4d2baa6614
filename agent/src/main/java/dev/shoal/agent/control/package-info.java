/**
 * The machinery every leader-only loop shares: a {@link dev.shoal.agent.control.WorkQueue} of keys
 * (coalesced, one sync per key at a time, exponential back-off), the
 * {@link dev.shoal.agent.control.Controller} contract, the {@link dev.shoal.agent.control.ControllerRunner}
 * that turns store watches into queued keys, and {@link dev.shoal.agent.control.Expectations}.
 */
package dev.shoal.agent.control;
