/** The responder as the DNS benchmark ({@code bench/dns/run}) starts it. */
package dev.shoal.dns.bench;
