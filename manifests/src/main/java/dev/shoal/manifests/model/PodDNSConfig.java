package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Extra resolver settings merged into the pod's resolv.conf. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodDNSConfig(
    List<String> nameservers, List<String> searches, List<PodDNSConfigOption> options) {}
