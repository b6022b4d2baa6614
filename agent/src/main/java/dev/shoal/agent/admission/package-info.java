/** Admission of API writes: defaulting and validation between the HTTP layer and the store. */
package dev.shoal.agent.admission;
