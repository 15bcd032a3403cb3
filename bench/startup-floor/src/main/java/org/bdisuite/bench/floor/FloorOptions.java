package org.bdisuite.bench.floor;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.bdisuite.model.entity.SystemOption;

/** The repository of bdi_system_options. */
@ApplicationScoped
public class FloorOptions implements PanacheRepository<SystemOption> {}
