/**
 * The node's packet rules as one nftables table ({@code inet shoal}): {@link
 * dev.shoal.overlay.nft.DataplanePlanner} is a pure function from plain records ({@link
 * dev.shoal.overlay.nft.DataplaneSpec}: services, endpoints, this node's addresses) to an {@link
 * dev.shoal.overlay.nft.NftTable}; {@link dev.shoal.overlay.nft.NftScript} renders a table, or the
 * difference between two, as {@code nft -f} text; {@link dev.shoal.overlay.nft.Nft} applies such a
 * script in one transaction and reads the table back ({@link dev.shoal.overlay.nft.ObservedTable})
 * to find drift.
 */
package dev.shoal.overlay.nft;
