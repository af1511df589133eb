import { Component, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const { DateTime } = luxon;

/**
 * The time a job has been worked on, ticking every second while a technician is clocked on it:
 * the hours of its closed clockings (clocked_hours) plus the time since the open one started
 * (the field it is set on, running_since).
 */
export class DealerJobTimer extends Component {
    static template = "dealer_aftersales.DealerJobTimer";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: DateTime.now() });
        this.interval = setInterval(() => {
            this.state.now = DateTime.now();
        }, 1000);
        onWillUnmount(() => clearInterval(this.interval));
    }

    get running() {
        return Boolean(this.props.record.data[this.props.name]);
    }

    get seconds() {
        const clocked = (this.props.record.data.clocked_hours || 0) * 3600;
        const since = this.props.record.data[this.props.name];
        const open = since ? Math.max(0, this.state.now.diff(since, "seconds").seconds) : 0;
        return Math.floor(clocked + open);
    }

    get display() {
        const seconds = this.seconds;
        const pad = (value) => String(value).padStart(2, "0");
        return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
    }
}

registry.category("fields").add("dealer_job_timer", {
    component: DealerJobTimer,
    supportedTypes: ["datetime"],
});
