/** The File Install artifact installer that turns a dropped jar into an update. */
package io.quire.deploy.internal;
