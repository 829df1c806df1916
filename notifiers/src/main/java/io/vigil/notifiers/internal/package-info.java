/**
 * Helpers shared by the built-in channels. Public only because Java has no friend packages: not
 * part of Vigil's API, may change in any release.
 */
package io.vigil.notifiers.internal;
