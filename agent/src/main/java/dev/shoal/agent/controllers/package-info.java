/**
 * The leader's reconcile loops, each a {@link dev.shoal.agent.control.Controller} run by a {@link
 * dev.shoal.agent.control.ControllerRunner}: replica sets keep their pod count, deployments roll
 * templates out through replica sets, the garbage collector deletes dependents of deleted owners,
 * the endpoints controller turns ready pods into each Service's Endpoints, and node lifecycle fails
 * the pods of nodes that stopped heartbeating. Decisions are pure ({@code ...Planner}/{@code
 * ...Builder} classes); the controllers only read, call them and write. {@link
 * dev.shoal.agent.controllers.LeaderControllers} starts and stops the lot.
 */
package dev.shoal.agent.controllers;
