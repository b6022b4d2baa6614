/**
 * Server-side printing: each kind's {@link dev.shoal.agent.api.table.Printer} turns one object into
 * a row of the columns upstream's printers give it (kubectl's {@code get} output), and {@link
 * dev.shoal.agent.api.table.Tables} puts rows into a {@code meta.k8s.io/v1 Table} when a client
 * asks for one ({@link dev.shoal.agent.api.table.TableRequest}). Printers are pure: object and the
 * time in, cells out.
 */
package dev.shoal.agent.api.table;
