/**
 * The machinery every loop in the agent shares. The loop toolkit, all over an injected {@link
 * dev.shoal.agent.control.Timer} (clock and timers, faked in tests to run on virtual time): {@link
 * dev.shoal.agent.control.CoalescingLoop} (one pass at a time, once more if asked meanwhile),
 * {@link dev.shoal.agent.control.KeyedCoalescer} (the same per key), {@link
 * dev.shoal.agent.control.Debounce} (act once a burst has settled, within a max delay), and {@link
 * dev.shoal.agent.control.Retry}/{@link dev.shoal.agent.control.Retries} on a {@link
 * dev.shoal.agent.control.Backoff} (exponential, capped, with jitter, reset on success). On top of
 * them the controllers' parts: the {@link dev.shoal.agent.control.WorkQueue} of keys, the {@link
 * dev.shoal.agent.control.Controller} contract, the {@link
 * dev.shoal.agent.control.ControllerRunner} that turns store watches into queued keys, and {@link
 * dev.shoal.agent.control.Expectations}.
 */
package dev.shoal.agent.control;
