/**
 * Admission of API writes, between the HTTP layer and the store: Kubernetes defaulting (a Secret's
 * {@code stringData} folded into {@code data}), validation, and {@link
 * dev.shoal.agent.admission.HostAccess} (hostPath, privileged and added capabilities only in
 * namespaces labelled {@code shoal.dev/host-access}).
 */
package dev.shoal.agent.admission;
