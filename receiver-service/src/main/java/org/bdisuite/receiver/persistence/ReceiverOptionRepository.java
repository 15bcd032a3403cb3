package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bdisuite.model.entity.ReceiverOption;

/** BDI_RECEIVER_OPTIONS, which the System Setting Service writes. */
@ApplicationScoped
public class ReceiverOptionRepository implements PanacheRepository<ReceiverOption> {

    public Optional<ReceiverOption> findForInterface(String interfaceModule, String interfaceShortName) {
        return find("interfaceModule = ?1 and interfaceShortName = ?2", interfaceModule, interfaceShortName)
                .firstResultOptional();
    }

    /** Every interface's options, by interface module and name (the console's Receiver page). */
    public List<ReceiverOption> listSorted() {
        return listAll(Sort.by("interfaceModule").and("interfaceShortName"));
    }

    /** Every BASE_FOLDER configured for an interface, once each. */
    public List<String> baseFolders() {
        return getEntityManager()
                .createQuery("select distinct o.baseFolder from ReceiverOption o", String.class)
                .getResultList();
    }
}
