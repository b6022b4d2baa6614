package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A CIDR a network policy allows, minus the {@code except} sub-ranges. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IPBlock(String cidr, List<String> except) {}
