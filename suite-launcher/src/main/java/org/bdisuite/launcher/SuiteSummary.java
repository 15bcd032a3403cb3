package org.bdisuite.launcher;

import java.io.PrintStream;
import java.util.List;

/** What the user sees once the suite is up: where everything is and how to log in. */
final class SuiteSummary {

    private SuiteSummary() {}

    static void print(
            PrintStream out,
            List<ServiceProcess> services,
            String jdbcUrl,
            String smtp,
            String sftp,
            GeneratedSecret sftpPassword,
            GeneratedSecret adminPassword,
            String adminUser,
            String consoleUrl,
            double readySeconds) {
        out.println();
        out.printf("All %d services are ready (%.1f s after the launcher started).%n%n", services.size(), readySeconds);
        String format = "  %-20s %-36s %-40s %s%n";
        out.printf(format, "service", "Swagger UI", "health", "log");
        for (ServiceProcess service : services) {
            out.printf(format, service.name(), service.swaggerUrl(), service.healthUrl(), service.logFile());
        }
        out.println();
        out.printf(
                "  %-11s %s (user %s, password %s)%n",
                "PostgreSQL", jdbcUrl, LocalDatabase.USER, LocalDatabase.PASSWORD);
        out.printf("  %-11s %s (accepts every mail, keeps each as an .eml file)%n", "SMTP", smtp);
        out.printf("  %-11s %s (user demo, password in %s)%n", "SFTP", sftp, sftpPassword.file());
        out.printf("  %-11s user %s, password in %s%n", "Admin", adminUser, adminPassword.file());
        out.printf("  %-11s %s (sign in as %s)%n", "Console", consoleUrl, adminUser);
        if (adminPassword.created()) {
            printPasswordBox(out, adminUser, adminPassword.value());
        }
        out.println();
        out.println("Press Ctrl-C to stop the suite.");
    }

    /** Shown once, on the run that generated the password; later runs only say where it is kept. */
    private static void printPasswordBox(PrintStream out, String user, String password) {
        List<String> lines = List.of(
                "First run: the bootstrap administrator of the suite is",
                "",
                "    user:     " + user,
                "    password: " + password,
                "",
                "It is not shown again; it stays in the admin-password file above.");
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String border = "+" + "-".repeat(width + 4) + "+";
        out.println();
        out.println(border);
        lines.forEach(line -> out.println("|  " + line + " ".repeat(width - line.length()) + "  |"));
        out.println(border);
    }
}
