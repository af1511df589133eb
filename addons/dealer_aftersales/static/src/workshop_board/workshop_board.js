import { onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useDebounced } from "@web/core/utils/timing";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { kanbanView } from "@web/views/kanban/kanban_view";

// As the server names them (models/dealer_repair_labor_board.py): the server lets a user follow
// the board of their own stores only.
export const BOARD_CHANNEL = "dealer_workshop_board";
export const BOARD_NOTIFICATION = "dealer_aftersales.workshop_board";

/**
 * The workshop board reloads when a job or a repair order of the stores it shows changes
 * (started, paused, finished, an order confirmed or done), as the server tells the store's
 * channel on the bus.
 */
export class WorkshopBoardController extends KanbanController {
    setup() {
        super.setup();
        const bus = useService("bus_service");
        const stores = useService("company").activeCompanyIds;
        const channels = stores.map((id) => `${BOARD_CHANNEL}:${id}`);
        const reload = useDebounced(() => this.model.load(), 300);
        const onChange = (payload) => {
            if (stores.includes(payload.company_id)) {
                reload();
            }
        };
        for (const channel of channels) {
            bus.addChannel(channel);
        }
        bus.subscribe(BOARD_NOTIFICATION, onChange);
        onWillUnmount(() => {
            bus.unsubscribe(BOARD_NOTIFICATION, onChange);
            for (const channel of channels) {
                bus.deleteChannel(channel);
            }
        });
    }
}

export const workshopBoardView = {
    ...kanbanView,
    Controller: WorkshopBoardController,
};

/** The workshop's TV: the board without the control panel, for a screen nobody touches. */
export const workshopTvView = {
    ...workshopBoardView,
    display: { controlPanel: false },
};

registry.category("views").add("dealer_workshop_board", workshopBoardView);
registry.category("views").add("dealer_workshop_tv", workshopTvView);
