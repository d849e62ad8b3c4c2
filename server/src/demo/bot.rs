//! The demo shop's bot: a menu, an FAQ in Spanish and English and a small sports catalog, so
//! the bot has something to say the moment the demo starts. Written once per database: an
//! admin's later changes are kept across restarts.

use app::domain::bot::{
    BotConfig, FaqDraft, MenuAction, MenuOption, ProductDraft, BOT_ENABLED_SETTING, BOT_SETTING,
};
use app::ssr::{now_ms, ServerState};

fn option(id: &str, title: &str, description: &str, action: MenuAction) -> MenuOption {
    MenuOption {
        id: id.into(),
        title: title.into(),
        description: Some(description.to_string()).filter(|d| !d.is_empty()),
        action,
    }
}

fn answer(text: &str) -> MenuAction {
    MenuAction::Answer { text: text.into() }
}

pub fn config() -> BotConfig {
    let greeting = "¡Hola! 👋 Soy el asistente de *Deportes Buzón*. Puedo responder dudas, \
        buscar productos o pasarte con el equipo. ¿Qué necesitas?";
    let menu = vec![
        option(
            "hours",
            "Horario y tiendas",
            "Cuándo y dónde estamos",
            answer(HOURS),
        ),
        option(
            "shipping",
            "Envíos",
            "Plazos, costes y seguimiento",
            MenuAction::Submenu {
                text: "¿Qué quieres saber de tu envío?".into(),
                options: vec![
                    option("shipping-times", "Plazos de entrega", "", answer(SHIPPING)),
                    option(
                        "shipping-costs",
                        "Costes de envío",
                        "",
                        answer(SHIPPING_COSTS),
                    ),
                    option("tracking", "Seguir mi pedido", "", MenuAction::Human),
                ],
            },
        ),
        option(
            "catalog",
            "Buscar productos",
            "Zapatillas, ropa y accesorios",
            MenuAction::Catalog,
        ),
        option(
            "returns",
            "Cambios y devolución",
            "30 días para cambiar de idea",
            answer(RETURNS),
        ),
    ];
    BotConfig {
        greeting: greeting.into(),
        menu,
        ..BotConfig::default()
    }
}

const HOURS: &str = "Nuestra tienda de Madrid (Gran Vía 28) abre de lunes a sábado de 10:00 a \
    21:00. El equipo de atención por WhatsApp está de lunes a viernes de 9:00 a 18:00.";
const SHIPPING: &str = "Enviamos en 24–48 h laborables a la península y en 3–5 días a Baleares \
    y Canarias. Recibirás el número de seguimiento por correo en cuanto salga el pedido.";
const SHIPPING_COSTS: &str = "El envío es gratis a partir de 50 €. Por debajo cuesta 4,95 € \
    (península) o 9,95 € (islas).";
const RETURNS: &str = "Tienes 30 días desde la entrega para cambiar o devolver cualquier \
    producto sin usar. Pide la devolución en deportesbuzon.example/devoluciones y la recogemos \
    gratis en tu casa.";

fn faq() -> Vec<FaqDraft> {
    let entry = |title: &str, phrasings: &[&str], answer: &str| FaqDraft {
        title: title.into(),
        phrasings: phrasings.iter().map(|p| p.to_string()).collect(),
        answer: answer.into(),
    };
    vec![
        entry(
            "Horario",
            &[
                "¿a qué hora abren?",
                "¿cuál es el horario?",
                "¿abren el sábado?",
                "what are your opening hours",
                "when are you open",
            ],
            HOURS,
        ),
        entry(
            "Plazos de envío",
            &[
                "¿cuánto tarda el envío?",
                "¿cuándo llega mi pedido?",
                "plazo de entrega",
                "how long does shipping take",
                "delivery time",
            ],
            SHIPPING,
        ),
        entry(
            "Gastos de envío",
            &[
                "¿cuánto cuesta el envío?",
                "¿el envío es gratis?",
                "gastos de envío",
                "shipping cost",
                "how much is shipping",
                "is delivery free",
            ],
            SHIPPING_COSTS,
        ),
        entry(
            "Devoluciones",
            &[
                "quiero devolver un producto",
                "¿cómo hago una devolución?",
                "¿puedo cambiar la talla?",
                "return an item",
                "refund",
            ],
            RETURNS,
        ),
        entry(
            "Formas de pago",
            &[
                "¿cómo puedo pagar?",
                "¿aceptan tarjeta?",
                "¿puedo pagar con bizum?",
                "payment methods",
                "do you take paypal",
            ],
            "Aceptamos tarjeta, PayPal, Bizum y pago a plazos sin intereses en compras \
             de más de 150 €.",
        ),
        entry(
            "Factura",
            &[
                "necesito la factura",
                "¿me mandan la factura?",
                "factura de mi compra",
                "invoice",
                "can I get a receipt",
            ],
            "Descarga la factura en deportesbuzon.example/mi-cuenta → Pedidos. Si la \
             necesitas a nombre de una empresa, pide que te pasemos con el equipo.",
        ),
    ]
}

fn catalog() -> Vec<ProductDraft> {
    let product = |sku: &str, name: &str, description: &str, price: &str| ProductDraft {
        sku: Some(sku.into()),
        name: name.into(),
        description: description.into(),
        price: Some(price.into()),
        link: Some(format!("https://deportesbuzon.example/p/{sku}")),
        image_url: None,
    };
    vec![
        product(
            "ZR-01",
            "Zapatillas Running Roja",
            "Amortiguación ligera para asfalto, tallas 36–46",
            "89,90 €",
        ),
        product(
            "ZR-02",
            "Zapatillas Running Azul",
            "Amortiguación ligera para asfalto, tallas 36–46",
            "89,90 €",
        ),
        product(
            "ZT-01",
            "Zapatillas Trail Negra",
            "Suela de tacos para montaña, impermeables",
            "119,00 €",
        ),
        product(
            "ZP-01",
            "Zapatillas Pádel Blanca",
            "Suela espiga, refuerzo en la puntera",
            "74,50 €",
        ),
        product(
            "CT-01",
            "Camiseta técnica roja",
            "Tejido transpirable, hombre y mujer",
            "19,95 €",
        ),
        product(
            "CT-02",
            "Camiseta técnica negra",
            "Tejido transpirable, hombre y mujer",
            "19,95 €",
        ),
        product(
            "MB-01",
            "Mochila trail 12 L",
            "Con bolsa de hidratación de 1,5 L",
            "54,00 €",
        ),
        product(
            "MB-02",
            "Mochila urbana 20 L",
            "Compartimento acolchado para portátil",
            "39,90 €",
        ),
        product(
            "PL-01",
            "Pala de pádel Control",
            "Carbono, forma redonda, 360 g",
            "129,00 €",
        ),
        product(
            "CA-01",
            "Calcetines running (3 pares)",
            "Antiampollas, tallas S–L",
            "12,90 €",
        ),
    ]
}

/// Writes the demo bot unless the database already has a bot configuration. `enabled` says
/// whether it starts switched on.
pub async fn seed(state: &ServerState, enabled: bool) -> Result<(), String> {
    let store = &state.store;
    let fail = |e: app::ssr::StoreError| format!("DATABASE_URL: cannot write the demo bot: {e}");
    if store.setting(BOT_SETTING).await.map_err(fail)?.is_some() {
        return Ok(());
    }
    let now = now_ms();
    for entry in faq() {
        let entry = entry.normalized().map_err(|e| format!("demo FAQ: {e}"))?;
        store.create_faq_entry(&entry, now).await.map_err(fail)?;
    }
    let products: Vec<ProductDraft> = catalog()
        .into_iter()
        .map(|p| p.normalized().map_err(|e| format!("demo product: {e}")))
        .collect::<Result<_, _>>()?;
    store.import_products(&products, now).await.map_err(fail)?;
    let config = config();
    config
        .validate(app::domain::bot::hours::known_timezone)
        .map_err(|e| format!("demo bot: {e}"))?;
    let json = serde_json::to_string(&config).map_err(|e| format!("demo bot: {e}"))?;
    store
        .put_setting(
            BOT_ENABLED_SETTING,
            if enabled { "true" } else { "false" },
            now,
        )
        .await
        .map_err(fail)?;
    // Last: its presence marks the demo bot as written.
    store
        .put_setting(BOT_SETTING, &json, now)
        .await
        .map_err(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_bot_is_valid() {
        assert_eq!(super::config().validate(|_| true), Ok(()));
        for entry in super::faq() {
            assert!(entry.normalized().is_ok(), "{}", entry.title);
        }
        for product in super::catalog() {
            assert!(product.normalized().is_ok(), "{}", product.name);
        }
    }
}
