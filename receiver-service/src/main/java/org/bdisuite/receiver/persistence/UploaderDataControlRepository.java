package org.bdisuite.receiver.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.bdisuite.model.entity.UploaderDataControl;

@ApplicationScoped
public class UploaderDataControlRepository implements PanacheRepository<UploaderDataControl> {}
