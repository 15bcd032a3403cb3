package org.bdisuite.batchadmin.api;

/** The rule for user names, the same as the suite_user table's CHECK constraint. */
public final class UserNames {

    public static final String PATTERN = "^[A-Za-z0-9._@-]{1,128}$";
    public static final String RULE = "must be 1 to 128 letters, digits, '.', '_', '@' or '-'";

    private UserNames() {}
}
