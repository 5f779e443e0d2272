package dev.socialcrawl.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Signing in, the password change the first sign-in forces, signing out. */
class SignInTest extends DashboardTest {

    @Test
    void theFirstSignInAsksForAnOwnPasswordBeforeAnythingElse() {
        long account = suite.admin.newAccount("Sign-in Ltd");
        String name = unique("ada");
        String oneTime = suite.admin.newUser(name, "customer", account);

        browser.open("/dashboard");
        assertEquals("/dashboard/login", browser.path());
        assertEquals("Sign in", browser.heading());
        shots.page("sign-in");

        browser.type("#name", name);
        browser.type("#password", "not the password");
        browser.click("#sign-in");
        assertEquals("The name or the password is not right.", browser.text("#sign-in-error"));

        browser.type("#password", oneTime);
        browser.click("#sign-in");
        assertEquals("/dashboard/password", browser.path());
        assertEquals("Choose your own password", browser.heading());
        shots.page("password-forced");
        browser.open("/dashboard/keys");
        assertEquals("/dashboard/password", browser.path(), "no page before the password is chosen");

        browser.type("#current_password", oneTime);
        browser.type("#new_password", "short");
        browser.type("#confirm_password", "short");
        browser.script("document.querySelectorAll('input[minlength]').forEach(function (i) { i.removeAttribute('minlength'); });");
        browser.click("#save-password");
        assertTrue(browser.text("#password-error").contains("at least 12 characters"), browser.text("#password-error"));

        browser.type("#current_password", oneTime);
        browser.type("#new_password", "my own long password");
        browser.type("#confirm_password", "my own long password");
        browser.click("#save-password");
        assertEquals("/dashboard/overview", browser.path());
        assertTrue(browser.pageText().contains("Account " + account + " · Sign-in Ltd"), browser.pageText());

        browser.click("header.site .user button");
        assertEquals("/dashboard/login?signed_out=1", browser.path());
        assertEquals("You are signed out.", browser.text("p.notice"));
        browser.open("/dashboard/overview");
        assertEquals("/dashboard/login", browser.path());

        signIn(name, "my own long password");
        assertEquals("/dashboard/overview", browser.path());
    }
}
