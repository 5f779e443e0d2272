package dev.socialcrawl.billing.dashboard.pages;

/** The dashboard's pages as its navigation lists them. */
enum Section {
    // an account's pages: a customer's whole dashboard, the billing team's tabs of the account in view
    OVERVIEW("/dashboard/overview", "Overview"),
    KEYS("/dashboard/keys", "API keys"),
    ACTIVITY("/dashboard/activity", "Activity"),
    LEDGER("/dashboard/ledger", "Ledger"),
    USAGE("/dashboard/usage", "Usage"),
    ACCOUNT_AUDIT("/dashboard/audit", "Audit trail"),
    // the billing team's pages
    ACCOUNTS("/dashboard/accounts", "Accounts"),
    REPORT("/dashboard/reports/usage", "Usage report"),
    LOW_BALANCE("/dashboard/low-balance", "Low balance"),
    UNSETTLED("/dashboard/unsettled", "Unsettled debits"),
    INTEGRITY("/dashboard/integrity", "Integrity"),
    AUDIT("/dashboard/audit", "Audit log"),
    USERS("/dashboard/users", "Users"),
    // everyone's
    PASSWORD("/dashboard/password", "Password");

    final String path;
    final String label;

    Section(String path, String label) {
        this.path = path;
        this.label = label;
    }
}
