package dev.shoal.dns;

/** A running pod's address, for {@code a-b-c-d.<namespace>.pod.<zone>} and its PTR record. */
public record PodEntry(String namespace, String ip) {}
