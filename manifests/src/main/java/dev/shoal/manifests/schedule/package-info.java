/**
 * Cron schedules as Kubernetes' CronJob reads them (robfig/cron's standard parser): five fields or
 * a descriptor such as {@code @hourly}, evaluated in an IANA time zone through {@code java.time}.
 */
package dev.shoal.manifests.schedule;
