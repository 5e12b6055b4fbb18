/**
 * Pseudonymisation of direct identifiers: a keyed, irreversible hash (HMAC-SHA-256) of the
 * normalised national id, birth date and sex, as the SNDS does for BEN_NIR_PSA. The key comes from
 * configuration or a key file, is never logged and never stored with the data; a key can be rotated
 * by chaining a new key over existing pseudonyms, so rotation never needs the identifiers again.
 */
package org.healthgraph.linkage.pseudonym;
