package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The number the first pod of a stateful set gets (0 unless set). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatefulSetOrdinals(Integer start) {}
