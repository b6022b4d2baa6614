/**
 * The OpenAPI v3 documents of the API ({@code /openapi/v3} and one per group-version), from which
 * kubectl learns that the server validates fields ({@code fieldValidation} on PATCH), computes
 * strategic merge patches for {@code apply}, and answers {@code explain}.
 */
package dev.shoal.agent.api.openapi;
