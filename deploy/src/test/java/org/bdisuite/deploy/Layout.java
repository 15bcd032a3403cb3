package org.bdisuite.deploy;

/** What can be rendered: the base and each overlay, with what each promises. */
enum Layout {
    BASE("base", null, false),
    DEV("overlays/dev", "bdi-suite-dev", false),
    PROD("overlays/prod", "bdi-suite", true);

    final String dir;
    /** The namespace every namespaced resource is put in (the base leaves it to the overlay). */
    final String namespace;
    /** Whether the services serve HTTPS only. */
    final boolean tls;

    Layout(String dir, String namespace, boolean tls) {
        this.dir = dir;
        this.namespace = namespace;
        this.tls = tls;
    }

    Rendered render() {
        return Kustomize.render(dir);
    }

    @Override
    public String toString() {
        return dir;
    }
}
