package org.bdisuite.receiver.archfixture;

/** Fixture: a receiver class another service must not use. */
public class ReceiverInternal {}
