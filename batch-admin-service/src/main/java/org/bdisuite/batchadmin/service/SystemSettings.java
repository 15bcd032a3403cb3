package org.bdisuite.batchadmin.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.bdisuite.batchadmin.api.ReceiverOptionChange;
import org.bdisuite.batchadmin.api.ReceiverOptionVo;
import org.bdisuite.batchadmin.api.ReceiverOptionsVo;
import org.bdisuite.batchadmin.api.SystemOptionVo;
import org.bdisuite.batchadmin.api.SystemOptionsVo;
import org.bdisuite.batchadmin.persistence.ReceiverOptionRepository;
import org.bdisuite.batchadmin.persistence.SystemOptionRepository;
import org.bdisuite.model.SystemOptionNames;
import org.bdisuite.model.entity.ReceiverOption;
import org.bdisuite.model.entity.SystemOption;
import org.bdisuite.runtime.error.InvalidRequestException;
import org.bdisuite.runtime.error.ResourceNotFoundException;
import org.jboss.logging.Logger;

/**
 * System Setting Service: BDI_SYSTEM_OPTIONS and BDI_RECEIVER_OPTIONS. The receiver reads both on every
 * request, so a change here takes effect on its next request, without a restart.
 */
@ApplicationScoped
public class SystemSettings {

    private static final Logger LOG = Logger.getLogger(SystemSettings.class);
    /** The names the database allows for modules and interfaces (they become folder and job names). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    private final SystemOptionRepository options;
    private final ReceiverOptionRepository receiverOptions;

    public SystemSettings(SystemOptionRepository options, ReceiverOptionRepository receiverOptions) {
        this.options = options;
        this.receiverOptions = receiverOptions;
    }

    @Transactional
    public SystemOptionsVo systemOptions() {
        return new SystemOptionsVo(
                options.listByName().stream().map(SystemSettings::toVo).toList());
    }

    @Transactional
    public SystemOptionVo systemOption(String name) {
        return toVo(requireOption(name));
    }

    /** Changes an existing option; the options the suite reads itself must hold a value it can use. */
    @Transactional
    public SystemOptionVo changeSystemOption(String name, String value) {
        SystemOption option = requireOption(name);
        String trimmed = value.trim();
        if (SystemOptionNames.RECEIVER_MAX_NUM_BLOCKS.equals(name) && !trimmed.matches("[1-9]\\d{0,8}")) {
            throw InvalidRequestException.forField("value", name + " must be a whole number from 1 to 999999999");
        }
        if (SystemOptionNames.LOAD_SEED_DATA.equals(name) && !trimmed.matches("TRUE|FALSE")) {
            throw InvalidRequestException.forField("value", name + " must be TRUE or FALSE");
        }
        option.setValue(trimmed);
        LOG.infof("System option %s set to %s", name, trimmed);
        return toVo(option);
    }

    @Transactional
    public ReceiverOptionsVo receiverOptions() {
        return new ReceiverOptionsVo(
                receiverOptions.listSorted().stream().map(SystemSettings::toVo).toList());
    }

    @Transactional
    public ReceiverOptionVo receiverOption(String interfaceModule, String interfaceShortName) {
        checkName("interfaceModule", interfaceModule);
        checkName("interfaceShortName", interfaceShortName);
        return receiverOptions
                .findForInterface(interfaceModule, interfaceShortName)
                .map(SystemSettings::toVo)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "no-receiver-options",
                        "No receiver options for interface " + interfaceShortName + " of module " + interfaceModule));
    }

    /** Sets (creating when missing) where the receiver stores an interface's files and how it merges them. */
    @Transactional
    public ReceiverOptionVo changeReceiverOption(
            String interfaceModule, String interfaceShortName, ReceiverOptionChange change) {
        checkName("interfaceModule", interfaceModule);
        checkName("interfaceShortName", interfaceShortName);
        String baseFolder = checkBaseFolder(change.baseFolder().trim());
        ReceiverOption option = receiverOptions
                .findForInterface(interfaceModule, interfaceShortName)
                .orElseGet(() -> {
                    ReceiverOption created = new ReceiverOption();
                    created.setInterfaceModule(interfaceModule);
                    created.setInterfaceShortName(interfaceShortName);
                    return created;
                });
        option.setBaseFolder(baseFolder);
        option.setMergeStrategy(change.mergeStrategy());
        if (option.getId() == null) {
            receiverOptions.persist(option);
        }
        receiverOptions.flush();
        LOG.infof(
                "Receiver options of %s/%s: base folder %s, %s",
                interfaceModule, interfaceShortName, baseFolder, change.mergeStrategy());
        return toVo(option);
    }

    private SystemOption requireOption(String name) {
        return options.findByName(name)
                .orElseThrow(() -> new ResourceNotFoundException("no-system-option", "No system option " + name));
    }

    private static void checkName(String field, String value) {
        if (!NAME.matcher(value).matches() || ".".equals(value) || "..".equals(value)) {
            throw InvalidRequestException.forField(field, "must be 1 to 255 letters, digits, '_', '.' or '-'");
        }
    }

    /** An absolute path without '..' or control characters: the receiver creates folders under it. */
    private static String checkBaseFolder(String folder) {
        boolean bad = folder.chars().anyMatch(Character::isISOControl);
        if (!bad) {
            Path path = Path.of(folder);
            bad = !path.isAbsolute();
            for (Path segment : path) {
                bad |= "..".equals(segment.toString());
            }
        }
        if (bad) {
            throw InvalidRequestException.forField("baseFolder", "must be an absolute path without '..' segments");
        }
        return folder;
    }

    private static SystemOptionVo toVo(SystemOption option) {
        return new SystemOptionVo(option.getName(), option.getValue(), option.getDescription(), option.getUpdatedAt());
    }

    private static ReceiverOptionVo toVo(ReceiverOption option) {
        return new ReceiverOptionVo(
                option.getInterfaceModule(),
                option.getInterfaceShortName(),
                option.getBaseFolder(),
                option.getFolderTemplate(),
                option.getMergeStrategy(),
                option.getUpdatedAt());
    }
}
