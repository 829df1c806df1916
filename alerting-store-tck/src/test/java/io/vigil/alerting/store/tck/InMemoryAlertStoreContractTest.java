package io.vigil.alerting.store.tck;

import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.store.InMemoryAlertStore;

/** The reference store keeps the contract it defines. */
class InMemoryAlertStoreContractTest extends AlertStoreContractTest {
    @Override
    protected AlertStore newStore() {
        return new InMemoryAlertStore();
    }
}
