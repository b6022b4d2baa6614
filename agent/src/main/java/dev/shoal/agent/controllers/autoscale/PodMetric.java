package dev.shoal.agent.controllers.autoscale;

import java.time.Duration;
import java.time.Instant;

/**
 * One pod's value of one metric, in thousandths of its unit (milli-CPU, milli-bytes), as upstream's
 * metrics client hands them to the calculator; {@code timestamp} is the end of the sampling {@code
 * window}.
 */
public record PodMetric(long value, Instant timestamp, Duration window) {}
