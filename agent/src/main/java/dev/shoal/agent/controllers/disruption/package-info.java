/**
 * Pod disruption budgets on the leader (upstream's disruption controller): which pods a budget
 * covers, how many of them its owners want ({@link ExpectedScale}), how many are healthy, and the
 * status the Eviction API decides by ({@link BudgetStatus}, pure).
 */
package dev.shoal.agent.controllers.disruption;
