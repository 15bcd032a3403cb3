package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bdisuite.batchadmin.api.NewUser;
import org.bdisuite.batchadmin.api.UserView;
import org.bdisuite.batchadmin.error.BatchRule;
import org.bdisuite.model.Roles;
import org.bdisuite.model.entity.SuiteUser;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.bdisuite.runtime.security.PasswordPolicy;
import org.bdisuite.runtime.security.persistence.UserRepository;

/**
 * Creates, changes and removes users of the suite. Every change that could leave the suite without an
 * administrator runs under one advisory lock and is refused when it would.
 */
@ApplicationScoped
public class UserAdministration {

    private final UserRepository users;

    public UserAdministration(UserRepository users) {
        this.users = users;
    }

    @Transactional
    public List<UserView> list() {
        return users.listAll().stream()
                .sorted((a, b) -> a.getUsername().compareTo(b.getUsername()))
                .map(UserAdministration::view)
                .toList();
    }

    @Transactional
    public UserView get(String username) {
        return view(existing(username));
    }

    @Transactional
    public UserView create(NewUser request) {
        requireAcceptable(request.password());
        requireKnown(request.roles());
        lockAdminChanges();
        if (users.findByUsername(request.username()).isPresent()) {
            throw BatchRule.USER_EXISTS.refuse("User " + request.username() + " already exists");
        }
        SuiteUser user = new SuiteUser();
        user.setUsername(request.username());
        user.setPasswordHash(PasswordPolicy.hash(request.password()));
        user.setRoles(request.roles());
        users.persist(user);
        return view(user);
    }

    @Transactional
    public void changePassword(String username, String password) {
        requireAcceptable(password);
        existing(username).setPasswordHash(PasswordPolicy.hash(password));
    }

    @Transactional
    public UserView changeRoles(String username, Set<String> roles) {
        requireKnown(roles);
        lockAdminChanges();
        SuiteUser user = existing(username);
        if (!roles.contains(Roles.ADMIN)) {
            requireAnotherAdmin(user, "take the " + Roles.ADMIN + " role from");
        }
        user.setRoles(roles);
        return view(user);
    }

    @Transactional
    public void delete(String username) {
        lockAdminChanges();
        SuiteUser user = existing(username);
        requireAnotherAdmin(user, "delete");
        users.delete(user);
    }

    private SuiteUser existing(String username) {
        return users.findByUsername(username).orElseThrow(() -> new ResourceNotFoundException("No user " + username));
    }

    private void requireAnotherAdmin(SuiteUser user, String action) {
        boolean isAdmin = user.isEnabled() && user.getRoles().contains(Roles.ADMIN);
        long otherAdmins = users.otherEnabledAdmins(user);
        if (isAdmin && otherAdmins == 0) {
            throw BatchRule.LAST_ADMIN.refuse(
                    "Cannot " + action + " " + user.getUsername() + ": it is the only enabled " + Roles.ADMIN);
        }
    }

    private void lockAdminChanges() {
        users.lockAdminChanges();
    }

    private static void requireAcceptable(String password) {
        PasswordPolicy.violation(password).ifPresent(why -> {
            throw InvalidRequestException.forField("password", why);
        });
    }

    private static void requireKnown(Set<String> roles) {
        Set<String> unknown = new TreeSet<>(roles);
        unknown.removeAll(Roles.ALL);
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("roles", "unknown role(s) " + unknown + "; allowed: " + Roles.ALL);
        }
    }

    private static UserView view(SuiteUser user) {
        return new UserView(
                user.getUsername(),
                List.copyOf(new TreeSet<>(user.getRoles())),
                user.isEnabled(),
                user.getCreatedAt(),
                user.getUpdatedAt());
    }
}
