package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The CA certificate (PEM) and its PKCS#8 private key sealed with AES-256-GCM: {@code sealedKey} is
 * base64 of nonce followed by ciphertext.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateAuthoritySpec(String certificate, String sealedKey) {}
