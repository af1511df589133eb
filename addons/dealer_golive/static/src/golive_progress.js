import { Component, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/**
 * The progress bar of a go-live import: the server sends how far its check or import is
 * (dealer.golive.import._dealer_progress) on the bus while the run's own request is still
 * open; the bar shows it for the record on screen.
 */
export class GoliveProgress extends Component {
    static template = "dealer_golive.GoliveProgress";
    static props = { ...standardWidgetProps };

    setup() {
        this.progress = useState({ percent: null, label: "" });
        this.bus = useService("bus_service");
        this.onProgress = (payload) => {
            if (payload.id === this.props.record.resId) {
                this.progress.percent = payload.percent;
                this.progress.label = payload.label;
            }
        };
        this.bus.subscribe("dealer_golive_progress", this.onProgress);
        onWillUnmount(() => this.bus.unsubscribe("dealer_golive_progress", this.onProgress));
    }
}

registry.category("view_widgets").add("dealer_golive_progress", { component: GoliveProgress });
