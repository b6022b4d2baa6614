package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One term of a label selector: {@code key operator values}, operator In, NotIn, Exists or
 * DoesNotExist.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelectorRequirement(String key, String operator, List<String> values) {}
