package org.bdisuite.batchadmin.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bdisuite.model.entity.ReceiverOption;

@ApplicationScoped
public class ReceiverOptionRepository implements PanacheRepository<ReceiverOption> {

    public Optional<ReceiverOption> findForInterface(String interfaceModule, String interfaceShortName) {
        return find("interfaceModule = ?1 and interfaceShortName = ?2", interfaceModule, interfaceShortName)
                .firstResultOptional();
    }

    public List<ReceiverOption> listSorted() {
        return listAll(Sort.by("interfaceModule").and("interfaceShortName"));
    }
}
