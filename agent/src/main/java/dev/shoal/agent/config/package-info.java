/** Start-up configuration of an agent: what it is told, and where each value comes from. */
package dev.shoal.agent.config;
