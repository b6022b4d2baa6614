/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf},
 * what kubectl's {@code create namespace|deployment|configmap|secret|job} send): the {@code k8s\0}
 * envelope, the upstream generated message it holds, and that message turned into the JSON tree
 * kubectl would have sent, so decoding, defaulting and validation are the JSON path's. Protobuf
 * types stop at this package's edge.
 */
package dev.shoal.agent.api.protobuf;
