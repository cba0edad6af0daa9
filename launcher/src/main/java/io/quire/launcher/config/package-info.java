/**
 * The site configuration ({@code conf/quire-site.properties}): the registry of every key Quire
 * knows, with its type, default and validator, and the loader that turns the file into typed,
 * validated values or a start-up error naming the key and the value.
 */
package io.quire.launcher.config;
