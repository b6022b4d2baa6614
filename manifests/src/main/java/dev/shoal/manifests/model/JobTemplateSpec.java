package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The job a cron job creates: its labels and annotations, and its spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobTemplateSpec(ObjectMeta metadata, JobSpec spec) {}
