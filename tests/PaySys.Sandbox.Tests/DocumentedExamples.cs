namespace PaySys.Sandbox.Tests;

/// <summary>One documented exchange: the request example(s) of a method and the response the docs show for them.</summary>
public sealed record DocumentedExample(string Name, string Method, string Page, string Request, string Response);

/// <summary>
/// Every request and response example of the vendor's three docs pages (/work/shared/paysys-docs), copied verbatim:
/// 16 requests and 15 responses (the two pam.prepare_payment requests share one response).
/// </summary>
public static class DocumentedExamples
{
    public static string Request(string name) => All.Single(e => e.Name == name).Request;

    public static IReadOnlyList<DocumentedExample> All { get; } =
    [
        new(
            "paysys.card_registration",
            "paysys.card_registration",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "paysys.card_registration",
            "params": {
            "phone_number": "998907702150",
            "card_number": "8600330410689500",
            "card_expire": "2304"
            },
            "id": "0d61b196-9575-11ec-b909-0242ac120002"
            }
            """,
            """
            {
            "id": "0d61b196-9575-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "masked_phone_number": "+99890*****50",
            "time_out": 120
            },
            "mx_id": "60b9408332261f741449e42fe6903eac"
            }
            """),
        new(
            "paysys.card_confirm",
            "paysys.card_confirm",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "paysys.card_confirm",
            "params": {
            "card_id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "confirmation_code": "254004"
            },
            "id": "c183b8b2-9576-11ec-b909-0242ac120002"
            }
            """,
            """
            {
            "id": "c183b8b2-9576-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "card_token": "reethaa7ae2jooqee90t2neiloh8wai2jo",
            "card_data": {
            "id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "username": "aloqa",
            "pan": "860033******1501",
            "expiry": "2304",
            "status": 0,
            "phone": "998907702150",
            "fullName": "TEST TEST2",
            "balance": 200000,
            "sms": true
            }
            },
            "mx_id": "27e8b6197f146e0ab14d01fe7ba6f362"
            }
            """),
        new(
            "pam.prepare_payment by card number",
            "pam.prepare_payment",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "pam.prepare_payment",
            "params": {
            "card_number": "8601312960622192",
            "card_expire": "2302",
            "phone_number": "998907702150",
            "amount": 100000,
            "vendor_id": 100381,
            "product": "11011bd8-955d-11ec-b909-0242ac120002",
            "comment": "Month subscription",
            "hold": true,
            "holding_time": 604800,
            "after_expired": "accept",
            "save": true
            },
            "id": "bb2656ec-955c-11ec-b909-0242ac120002"
            }
            """,
            """
            {
            "id": "bb2656ec-955c-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "bank_transaction_id": 1485295,
            "masked_phone_number": "+99890*****50",
            "time_out": 120
            },
            "mx_id": "be5bf35a31e58b1d1cf176c4c4574028"
            }
            """),
        new(
            "pam.prepare_payment by card id",
            "pam.prepare_payment",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "pam.prepare_payment",
            "params": {
            "card_id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "phone_number": "998907702150",
            "amount": 100000,
            "vendor_id": 100381,
            "product": "11011bd8-955d-11ec-b909-0242ac120002",
            "comment": "Month subscription",
            "hold": true,
            "holding_time": 604800,
            "after_expired": "accept",
            "save": true
            },
            "id": "bb2656ec-955c-11ec-b909-0242ac120002"
            }
            """,
            """
            {
            "id": "bb2656ec-955c-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "bank_transaction_id": 1485295,
            "masked_phone_number": "+99890*****50",
            "time_out": 120
            },
            "mx_id": "be5bf35a31e58b1d1cf176c4c4574028"
            }
            """),
        new(
            "pam.confirm_payment",
            "pam.confirm_payment",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "pam.confirm_payment",
            "params": {
            "bank_transaction_id": 1485295,
            "confirmation_code": "253890"
            },
            "id": "67f922e4-955f-11ec-b909-0242ac120002"
            }
            """,
            """
            {
            "id": "67f922e4-955f-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "details": {
            "id": "1429072927",
            "masked_card_number": "860053******9500",
            "transaction_id": "167075",
            "bank_transaction_id": "232288",
            "reference_number": "003136441185",
            "amount": 100000,
            "merchantId": "900000000",
            "terminalId": "97000000",
            "date": 1645700612
            },
            "card": {
            "id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "token": "f0bc2c517a194f148b76a965dd6b51be03a32917"
            }
            },
            "mx_id": "a814f53ab2d9c597e8c8391a73e1980e"
            }
            """),
        new(
            "hold.confirm",
            "hold.confirm",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "id": "bb2656ec-955c-11ec-b909-0242ac120002",
            "method":"hold.confirm",
            "params":{
            "bank_transaction_id" : "108137783",
            "status" : "accept"
            }
            }
            """,
            """
            {
            "id": "bb2656ec-955c-11ec-b909-0242ac120002",
            "error": null,
            "result": {
            "status": 2
            },
            "mx_id": "c147dbab49736626fde2c2330a4f7353"
            }
            """),
        new(
            "pam.check_payment acquiring",
            "pam.check_payment",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "pam.check_payment",
            "params": {
            "bank_transaction_id": "586151"
            },
            "id": "e4db6fae-4e58-4469-b442-092ee2ff3370"
            }
            """,
            """
            {
            "id": "e4db6fae-4e58-4469-b442-092ee2ff3370",
            "error": null,
            "result": {
            "bank_transaction_id": "232288",
            "status": "2",
            "amount": 100000
            },
            "mx_id": "e47e0bde96dea9c758735889b564e7e6"
            }
            """),
        new(
            "pam.payment",
            "pam.payment",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "pam.payment",
            "params": {
            "card_id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "phone_number": "998907702150",
            "amount": 100000,
            "vendor_id": 100381,
            "product": "5d1a3442-d031-4683-8d77-165c4cfc8a9b"
            },
            "id": "77051b9a-f12f-40b0-8ad6-4805ce6121d6"
            }
            """,
            """
            {
            "id": "77051b9a-f12f-40b0-8ad6-4805ce6121d6",
            "error": null,
            "result": {
            "details": {
            "id": "6A0A002A1289688F2CDA1F1C0686359C16",
            "masked_card_number": "860053******9500",
            "transaction_id": "167075",
            "bank_transaction_id": "232288",
            "reference_number": "003136441185",
            "amount": 100000,
            "merchantId": "900000000",
            "terminalId": "97000000",
            "date": 1645769446
            }
            },
            "mx_id": "e679b1177515ddb621d1fedcbfbc8a6a"
            }
            """),
        new(
            "transaction.reverse",
            "transaction.reverse",
            "000_e76625faaf8bd4cc.txt",
            """
            {
            "method": "transaction.reverse",
            "params": {
            "transaction_id": 7508737
            },
            "id": "77051b9a-f12f-40b0-8ad6-4805ce6121d6"
            }
            """,
            """
            {
            "id": "77051b9a-f12f-40b0-8ad6-4805ce6121d6",
            "error": null,
            "result": {
            "transaction_id": 7508737,
            "ref_num": "014173418653"
            },
            "mx_id": "e679b1177515ddb621d1fedcbfbc8a6a"
            }
            """),
        new(
            "pam.pay_by_cash",
            "pam.pay_by_cash",
            "001_85e03ee8da5ec660.txt",
            """
            {
            "id": "1cb17690-9105-4a23-9868-f5006cda7724",
            "method": "pam.pay_by_cash",
            "params": {
            "vendor_form": {
            "account": "79123456789",
            "currency": "USD",
            "amount": 12000,
            "vendor_id": 101596
            }
            }
            }
            """,
            """
            {
            "id": "1cb17690-9105-4a23-9868-f5006cda7724",
            "error": null,
            "result": {
            "details": {
            "id": "2b32d68e154573ec7b6d30d1f803c5a5",
            "masked_card_number": null,
            "transaction_id": 2355076,
            "bank_transaction_id": null,
            "reference_number": null,
            "amount": 15000,
            "merchantId": null,
            "terminalId": null,
            "date": 1653907664
            }
            }
            }
            """),
        new(
            "pam.check_payment e-money",
            "pam.check_payment",
            "001_85e03ee8da5ec660.txt",
            """
            {
            "id": "21e2a489-0391-4335-8275-55ade9aa78c5",
            "method": "pam.check_payment",
            "params": {
            "agr_transaction_id": 2355076
            }
            }
            """,
            """
            {
            "id": "21e2a489-0391-4335-8275-55ade9aa78c5",
            "error": null,
            "result": {
            "result": {
            "bank_transaction_id": null,
            "amount": 15000,
            "date": 1653907664,
            "status": 2
            }
            }
            }
            """),
        new(
            "paysys.payment_info",
            "paysys.payment_info",
            "002_fbc1e02620956acc.txt",
            """
            {
            "method": "paysys.payment_info",
            "params": {
            "transaction_id": 11422530
            },
            "id": "a11c0276-d443-4675-a79a-2d829ee5286e"
            }
            """,
            """
            {
            "id": "a11c0276-d443-4675-a79a-2d829ee5286e",
            "error": null,
            "result": {
            "transaction_id": 11424156,
            "vendor_user_id": "1683530160817",
            "bank_transaction_id": 137664440,
            "amount": 1000,
            "currency": 860,
            "status": 2,
            "date": 1683530177
            },
            "mx_id": "588ffd16badd82e896f364935350f413"
            }
            """),
        new(
            "paysys.payment_cancel",
            "paysys.payment_cancel",
            "002_fbc1e02620956acc.txt",
            """
            {
            "method": "paysys.payment_cancel",
            "params": {
            "transaction_id": 11422530
            },
            "id": "b17ab4a5-93e6-481a-bb90-ae7aa876afd1"
            }
            """,
            """
            {
            "id": "b17ab4a5-93e6-481a-bb90-ae7aa876afd1",
            "error": null,
            "result": {
            "transaction_id": 11424156,
            "bank_transaction_id": 137664440,
            "vendor_user_id": "1683530160817",
            "status": 3
            },
            "mx_id": "588ffd16badd82e896f364935350f413"
            }
            """),
        new(
            "paysys.payment_adjustments",
            "paysys.payment_adjustments",
            "002_fbc1e02620956acc.txt",
            """
            {
            "method": "paysys.payment_adjustments",
            "params": {
            "transaction_id": 11422530,
            "amount": 100000,
            "currency": "UZS"
            },
            "id": "5c7294f7-3a76-40c9-b22c-d4ff0d7a27b9"
            }
            """,
            """
            {
            "id": "5c7294f7-3a76-40c9-b22c-d4ff0d7a27b9",
            "error": null,
            "result": {
            "transaction_id": 11424156,
            "vendor_user_id": "1683530160817",
            "bank_transaction_id": 137664440,
            "status": 6
            },
            "mx_id": "588ffd16badd82e896f364935350f413"
            }
            """),
        new(
            "paysys.get_fiscal_cheque",
            "paysys.get_fiscal_cheque",
            "002_fbc1e02620956acc.txt",
            """
            {
            "method": "paysys.get_fiscal_cheque",
            "params": {
            "transaction_id": 11347050,
            "type": "payment"
            },
            "id": "3c14189b-5b7b-4c85-9901-b9cf7b1b5924"
            }
            """,
            """
            {
            "id": "3c14189b-5b7b-4c85-9901-b9cf7b1b5924",
            "error": null,
            "result": {
            "transaction_id": 11347050,
            "cheque": "https://ofd.soliq.uz/epi?t=EP000000000058&r=1020387&c=20230504110437&s=088681055845"
            },
            "mx_id": "588ffd16badd82e896f364935350f413"
            }
            """),
        new(
            "paysys.invoice_create",
            "paysys.invoice_create",
            "002_fbc1e02620956acc.txt",
            """
            {
            "method": "paysys.invoice_create",
            "params": {
            "order_id": "21258855-d57e-4c7c-9b7b-2215f9d1c992",
            "vendor_id": 104466,
            "payment_id": -1,
            "currency": "UZS",
            "amount": 1000.22,
            "order_note": "Payment for tickets"
            },
            "id": "6d8f5743-a4e8-4074-85de-8250d8f1c426"
            }
            """,
            """
            {
            "id": "6d8f5743-a4e8-4074-85de-8250d8f1c426",
            "error": null,
            "result": {
            "id": 2693603,
            "vendor_id": 104466,
            "payment_id": -1,
            "order_id": "21258855-d57e-4c7c-9b7b-2215f9d1c992",
            "amount": "1000.22",
            "currency": "UZS",
            "status": 0,
            "order_note": "Payment for tickets",
            "payment_url": "https://paysys.uz/payform?hash=22c1c9ac0f85522db3a07b089be13e7f",
            "hash": "22c1c9ac0f85522db3a07b089be13e7f",
            "date": 1690547824
            },
            "mx_id": "20f479b1539b8bcb841561524c954ab3"
            }
            """),
    ];
}
